# The shell around kubectl: quoting, variables, pipes, loops, files, jobs, time.
echo "hello, $USER" 'and $USER' \$HOME
NAME=web; echo "${NAME}-0" ${MISSING:-default}
echo $((3 * 4 + 1))
cat <<'EOF' > web.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
EOF
ls
cat web.yaml | grep -c :
grep -i statefulset web.yaml && echo found || echo missing
grep -v name web.yaml | head -n 2 | tail -n 1
cat web.yaml | wc -l
seq 3 | sort -r
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
x=0; while [ $x -lt 2 ]; do echo "x=$x"; x=$((x + 1)); done
echo "pods: $(kubectl exec web-1 -- hostname)"
nope
cat missing.yaml
echo out > o.txt; echo again >> o.txt; wc -l < o.txt
missing-cmd 2>&1 | grep -c 'not found'
mkdir -p manifests && cd manifests && pwd
cd ..
date
sleep 30
date
kubectl get cm -w
kubectl proxy &
curl -s localhost:8001/api/v1/namespaces/default/pods
jobs
kill %1
curl localhost:8001/api/v1/namespaces/default/pods
sleep 5 &
sleep 10
kubectl exec -it dns-test -- sh
nslookup web-0.nginx
exit
lab time +5m
lab node stop minikube-m02
lab nodes
lab node stop nosuch
history 3
