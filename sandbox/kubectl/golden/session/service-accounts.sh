# What the control plane puts in every namespace: the `default` ServiceAccount
# (serviceaccounts_controller.go) and the kube-root-ca.crt ConfigMap (rootcacertpublisher),
# which the API credentials volume of every pod projects (plugin/pkg/admission/serviceaccount).
kubectl get sa,cm -A
kubectl create namespace shop
kubectl get sa,cm -n shop
kubectl delete sa default -n shop
kubectl get sa -n shop
kubectl describe sa default
kubectl describe cm kube-root-ca.crt -n kube-public | head -5
kubectl run app -n shop --image busybox:1.28 --restart=Never -- sh -c 'cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; ls /var/run/secrets/kubernetes.io/serviceaccount'
sleep 5
kubectl logs app -n shop
kubectl get pod app -n shop -o jsonpath='{.spec.volumes[0].name}{"\n"}{.spec.containers[0].volumeMounts}{"\n"}'
kubectl run quiet --image busybox:1.28 --restart=Never --overrides='{"spec":{"automountServiceAccountToken":false}}' -- true
kubectl get pod quiet -o jsonpath='{.spec.volumes}{"|"}{.spec.containers[0].volumeMounts}{"\n"}'
cat <<'EOF' > builder.yaml
apiVersion: v1
kind: Pod
metadata:
  name: build
spec:
  serviceAccountName: builder
  containers:
  - name: build
    image: busybox:1.28
    command: ["sleep", "3600"]
EOF
kubectl apply -f builder.yaml
kubectl create serviceaccount builder
kubectl apply -f builder.yaml
kubectl get sa
