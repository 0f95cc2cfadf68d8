# seed: 11
kubectl apply -f cattle.yaml
sleep 10
kubectl get pods -l app=cattle -o wide
kubectl apply -f pets.yaml
kubectl get pods -l app=pet -w
kubectl get pods -l app=pet -o wide
kubectl delete pod cattle-f4m47
kubectl get pods -l app=cattle -o wide
kubectl delete pod pet-1
kubectl get pods -l app=pet -w
kubectl get pods -l app=pet -o wide
kubectl exec pet-1 -- hostname
kubectl get events --field-selector involvedObject.name=pet
