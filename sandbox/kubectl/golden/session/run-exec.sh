# kubectl run and exec exit statuses through the shell (kubectl pkg/cmd/run/run.go: a failed
# pod with --restart=Never is `pod NS/NAME terminated (Error)` with the container's status;
# pkg/cmd/exec/exec.go: `command terminated with exit code N`).
kubectl run -it --rm --image busybox dns-test --restart=Never -- nslookup nope.nginx; echo "status $?"
kubectl run -i --rm --image busybox t2 --restart=Never -- sh -c 'exit 3'; echo "status $?"
kubectl run t3 --image busybox --restart=Never -- sh -c 'echo hi; exit 2'
kubectl run sleeper --image busybox -- sleep 3600
kubectl wait --for=condition=Ready pod/sleeper
kubectl wait --for=jsonpath='{.status.phase}'=Failed pod/t3
kubectl get pods
kubectl logs t3
kubectl exec sleeper -- ls /nope; echo "status $?"
kubectl exec sleeper -- sh -c 'exit 4'; echo "status $?"
kubectl exec sleeper -- bash; echo "status $?"
kubectl exec -it sleeper -- sh
hostname
echo $HOSTNAME > /tmp/x; cat /tmp/x
exit 5
echo "status $?"
kubectl exec t3 -- true
kubectl delete pod sleeper t3 --grace-period=1
