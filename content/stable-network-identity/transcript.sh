# seed: 22
sleep 20
kubectl get pods -o wide
kubectl get sts web -o jsonpath='{.spec.serviceName}{"\n"}'
kubectl get svc
kubectl exec web-0 -- hostname
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-0.nginx
kubectl apply -f nginx-service.yaml
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-0.nginx
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-1.nginx.default.svc.cluster.local
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup nginx
kubectl get endpointslices -l kubernetes.io/service-name=nginx
kubectl run -it --rm dns --image busybox --restart=Never -- nslookup -type=srv _web._tcp.nginx.default.svc.cluster.local
kubectl get pod web-0 -o jsonpath='{.spec.hostname} {.spec.subdomain}{"\n"}'
kubectl exec web-0 -- hostname -f
kubectl exec web-0 -- cat /etc/hosts
kubectl exec web-1 -- sh -c 'echo "I am ${HOSTNAME}, ordinal ${HOSTNAME##*-}"'
kubectl get pods -L apps.kubernetes.io/pod-index
kubectl delete pod web-0
kubectl get pods -o wide -w
kubectl run -it --rm dns --image busybox:1.28 --restart=Never -- nslookup web-0.nginx
