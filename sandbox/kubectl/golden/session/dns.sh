# Cluster DNS from inside pods (kubernetes/dns docs/specification.md, CoreDNS plugin/kubernetes),
# printed as busybox 1.36 networking/nslookup.c and busybox 1.28 print it; shell tools in pods.
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
kubectl wait --for=condition=Ready pod/web-0 pod/web-1 pod/web-2
kubectl run dns --image busybox:1.36 -- sleep 3600
kubectl wait --for=condition=Ready pod/dns
kubectl get pods -o wide
kubectl exec dns -- nslookup -type=srv nginx.default.svc.cluster.local
kubectl exec dns -- nslookup -type=srv _web._tcp.nginx.default.svc.cluster.local
kubectl exec dns -- nslookup nginx
kubectl exec dns -- nslookup web-0.nginx
kubectl exec dns -- nslookup web-0.nginx.default.svc.cluster.local.
kubectl exec dns -- nslookup 10.96.0.10
kubectl exec dns -- cat /etc/resolv.conf
kubectl run -it --rm --image busybox:1.28 dns-test --restart=Never -- nslookup nginx
kubectl exec dns -- ls /nope; echo "status $?"
kubectl exec dns -- sh -c 'test ! -f /tmp/unhealthy && echo healthy'
kubectl describe pod web-0 | grep -A2 -B1 Conditions:
kubectl delete pod dns --grace-period=1
