# seed: 33
kubectl apply -f app.yaml
sed -e 's|^            - mountPath: data|            name: data|' -e 's|^              name:   /var/data|            mountPath: /var/data|' app.yaml > no-dash.yaml
kubectl apply -f no-dash.yaml
sed -e 's/^            name: data/            - name: data/' -e 's|^            mountPath: /var/data|              mountpath: /var/data|' no-dash.yaml > typo.yaml
kubectl apply -f typo.yaml
cat > app.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: app
  serviceName: appservice
  replicas: 2
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
        - name: app
          image: app
          volumeMounts:
            - name: data
              mountPath: /var/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        resources:
          requests:
            storage: 1Mi
        accessModes:
          - ReadWriteOnce
EOF
kubectl apply -f app.yaml
kubectl get pods
kubectl get pvc
sleep 30
kubectl get pods
kubectl describe pod app-0 | tail -5
cat > app.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: app
  serviceName: appservice
  replicas: 2
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
        - name: app
          image: nginx:1.27
          volumeMounts:
            - name: data
              mountPath: /var/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        resources:
          requests:
            storage: 1Mi
        accessModes:
          - ReadWriteOnce
EOF
kubectl diff -f app.yaml
kubectl apply -f app.yaml
kubectl get pods
kubectl delete pod app-0
kubectl get pods -w
kubectl get pvc
kubectl get pv
kubectl exec app-0 -- sh -c 'echo "written by app-0 at $(date)" > /var/data/note.txt'
kubectl exec app-0 -- cat /var/data/note.txt
kubectl exec app-1 -- ls -a /var/data
kubectl delete pod app-0
kubectl get pods -o wide -w
kubectl exec app-0 -- cat /var/data/note.txt
kubectl get pod app-0 -o jsonpath='{.spec.volumes[0].persistentVolumeClaim.claimName}{"\n"}'
kubectl cp app-0:/var/data/note.txt note.txt
cat note.txt
kubectl delete sts app
kubectl get pvc
kubectl delete pvc data-app-1
kubectl get pv
