# The seed note walked through as a learner types it (npm run sim -- this file): the official
# StatefulSet tutorial (web, headless nginx, volumeClaimTemplates), DNS, the API-server proxy,
# cordon/drain, force delete, and the seed's broken manifest.
cat <<'EOF' > web.yaml
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
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
  serviceName: "nginx"
  replicas: 3
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
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
kubectl get pods -w -l app=nginx
kubectl get sts,pods,pvc,pv -o wide
kubectl get service nginx
kubectl describe sts web
kubectl describe pod web-0
kubectl describe pvc www-web-0
for i in 0 1 2; do kubectl exec "web-$i" -- sh -c 'hostname'; done
kubectl exec web-0 -- hostname
kubectl exec -it web-0 -- sh
hostname
echo hello > /usr/share/nginx/html/index.html
cat /usr/share/nginx/html/index.html
exit
kubectl run -it --rm --image busybox:1.28 dns-test --restart=Never -- nslookup web-0.nginx
kubectl delete pod web-0
kubectl get pods -w -l app=nginx
kubectl exec web-0 -- cat /usr/share/nginx/html/index.html
kubectl scale sts web --replicas=5
kubectl get pods -w -l app=nginx
kubectl scale sts web --replicas=3
kubectl get pods -l app=nginx
kubectl get pvc -l app=nginx
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24
kubectl rollout status sts/web
kubectl rollout history sts/web
kubectl rollout undo sts/web
kubectl rollout history sts/web
kubectl rollout status sts/web
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":3}}}}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.spec.containers[0].image}{"\n"}{end}'
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
kubectl rollout status sts/web
kubectl get pod web-2 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo
kubectl get pod web-1 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo
kubectl proxy &
curl localhost:8001/api/v1/namespaces/default/pods/web-0/proxy/
curl localhost:8001/api/v1/namespaces/default/services/nginx:web/proxy/
curl localhost:8001/api/v1/namespaces/default/services/nginx/proxy/
kill %1
kubectl get nodes
NODE=$(kubectl get pod web-1 -o jsonpath='{.spec.nodeName}')
kubectl cordon $NODE
kubectl get nodes
kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data
kubectl get pods -o wide -w -l app=nginx
kubectl uncordon $NODE
kubectl delete pod web-1 --force --grace-period=0
kubectl get events --field-selector involvedObject.name=web-1
kubectl delete pod web-9
kubectl get pods -w -l app=nginx
cat <<'EOF' > app.yaml
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
            - mountPath: data
              name:   /var/data
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
kubectl delete sts web
kubectl get pods,pvc
kubectl delete pvc -l app=nginx
kubectl get pv
