# seed: 66
sleep 20
kubectl get pods -o wide
for i in 0 1 2; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done
kubectl proxy &
curl -s localhost:8001/apis/apps/v1/namespaces/default/statefulsets/web | jq '.status | {replicas, readyReplicas, currentRevision}'
curl localhost:8001/api/v1/namespaces/default/pods/web-0/proxy/
curl localhost:8001/api/v1/namespaces/default/pods/web-2/proxy/
curl localhost:8001/api/v1/namespaces/default/services/nginx/proxy/
curl localhost:8001/api/v1/namespaces/default/services/nginx:web/proxy/
curl localhost:8001/api/v1/namespaces/default/services/nginx:web/proxy/
curl localhost:8001/api/v1/namespaces/default/services/nginx:web/proxy/
kubectl port-forward pod/web-1 8080:80 &
curl localhost:8080
curl localhost:8080
kubectl port-forward svc/nginx 8081:web &
curl localhost:8081
curl localhost:8081
kill %2
kill %3
kubectl apply -f kubia.yaml
kubectl get pods -l app=kubia -w
curl localhost:8001/api/v1/namespaces/default/pods/kubia-0/proxy/
curl -X POST -d "Hey there! This greeting was submitted to kubia-0." localhost:8001/api/v1/namespaces/default/pods/kubia-0/proxy/
curl localhost:8001/api/v1/namespaces/default/pods/kubia-0/proxy/
curl localhost:8001/api/v1/namespaces/default/pods/kubia-1/proxy/
kubectl delete pod kubia-0
kubectl get pods -l app=kubia -o wide -w
curl localhost:8001/api/v1/namespaces/default/pods/kubia-0/proxy/
curl localhost:8001/api/v1/namespaces/default/services/kubia:http/proxy/
curl localhost:8001/api/v1/namespaces/default/services/kubia:http/proxy/
kill %1
kubectl run -it --rm client --image busybox --restart=Never -- wget -qO- http://kubia-0.kubia.default.svc.cluster.local:8080
kubectl run -it --rm client --image busybox --restart=Never -- wget -qO- http://kubia-1.kubia:8080
