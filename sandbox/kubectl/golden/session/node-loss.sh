# The seed's node-loss story (reference §6): a node dies, its StatefulSet pod stays Terminating,
# a plain delete blocks, force delete with kubectl's warning lets the controller recreate it.
cat <<'EOF' > web.yaml
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  replicas: 2
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
EOF
kubectl apply -f web.yaml
kubectl rollout status sts/web
kubectl get pods -o wide
lab node stop minikube-m02
sleep 60
kubectl get nodes
kubectl describe node minikube-m02 | grep -A3 Taints
sleep 300
kubectl get pods -o wide
kubectl describe pod web-1 | head -20
kubectl delete pod web-1 --timeout=20s
kubectl delete pod web-1 --force --grace-period=0
kubectl get pods -o wide -w
kubectl get pods -o wide
kubectl describe pod web-1 | tail -8
