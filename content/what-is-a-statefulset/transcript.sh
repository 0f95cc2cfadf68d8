# seed: 1
kubectl apply -f web.yaml
kubectl get pods -l app=nginx --watch
kubectl get pvc -l app=nginx
