# seed: 55
sleep 20
kubectl get pods -o wide
lab node cut minikube-m02
kubectl get nodes
sleep 60
kubectl get nodes
kubectl get pods -o wide
kubectl describe node minikube-m02 | grep unreachable
kubectl describe pod web-1 | grep NotReady
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-1.nginx
sleep 300
kubectl get pods -o wide
kubectl get pods -w
lab node stop minikube-m02
kubectl delete pod web-1 --force --grace-period=0
kubectl get pods -o wide -w
kubectl get events --field-selector involvedObject.name=web-1,reason=FailedAttachVolume
sleep 360
kubectl get pods -o wide
lab node start minikube-m02
lab node stop minikube-m03
sleep 60
kubectl get nodes
kubectl taint nodes minikube-m03 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute
kubectl get pods -o wide
sleep 30
kubectl get pods -o wide
lab node start minikube-m03
kubectl taint nodes minikube-m03 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute-
sleep 30
kubectl get nodes
