# The seed's manifest with its volumeMounts fixed: `image: app` does not exist, so app-0 cycles
# ErrImagePull / ImagePullBackOff and OrderedReady never creates app-1 (reference §9 item 1).
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
kubectl get pods -w
kubectl get pods,pvc
kubectl describe pod app-0 | tail -12
kubectl describe sts app | tail -8
kubectl logs app-0
kubectl rollout status sts/app --timeout=10s
