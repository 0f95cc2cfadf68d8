# seed: 5
sleep 30
kubectl get pods -o wide
kubectl get svc
kubectl get pod web-1 -o jsonpath='{.spec.hostname} {.spec.subdomain}{"\n"}'
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-1.nginx
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup nginx
kubectl apply -f nginx-client.yaml
kubectl get svc nginx nginx-client
kubectl get endpointslices -l kubernetes.io/service-name=nginx-client
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup nginx-client
kubectl delete svc nginx
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-1.nginx
kubectl get pods
kubectl exec web-1 -- hostname
kubectl exec web-1 -- hostname -f
kubectl apply -f nginx-headless.yaml
sleep 5
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-1.nginx
