# seed: 44
sleep 20
kubectl get pods -l app=nginx
kubectl scale sts web --replicas=5
kubectl get pods -l app=nginx -w
kubectl get pvc
kubectl exec web-1 -- rm /usr/share/nginx/html/index.html
sleep 5
kubectl get pods -l app=nginx
kubectl scale sts web --replicas=2
sleep 30
kubectl get pods -l app=nginx
kubectl exec web-1 -- sh -c "echo web-1 > /usr/share/nginx/html/index.html"
kubectl get pods -l app=nginx -w
kubectl get pvc
kubectl scale sts web --replicas=3
sleep 15
kubectl get pods -l app=nginx
kubectl get pod web-2 -o jsonpath='{.spec.volumes[0].persistentVolumeClaim.claimName}{"\n"}'
kubectl patch sts web -p '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}'
kubectl scale sts web --replicas=2
sleep 30
kubectl get pvc
kubectl apply -f parallel.yaml
kubectl get pods -l app=par -w
kubectl scale sts par --replicas=0
kubectl get pods -l app=par -w
kubectl patch sts web -p '{"spec":{"podManagementPolicy":"Parallel"}}'
