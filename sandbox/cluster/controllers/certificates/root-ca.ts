// The cluster's root CA certificate as the control plane publishes it (the kube-root-ca.crt
// ConfigMap's `ca.crt`): minikube's self-signed "minikubeCA". A stand-in with the shape of a PEM
// certificate; nothing in the simulator verifies TLS.
export const ROOT_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBjCCAe6gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5p',
  'a3ViZUNBMB4XDTI1MTIzMTAwMDAwMFoXDTM1MTIzMDAwMDAwMFowFTETMBEGA1UE',
  'AxMKbWluaWt1YmVDQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAL7x',
  'c2ltdWxhdGVkIGNsdXN0ZXIgQ0EgZm9yIHRoZSBTdGF0ZWZ1bFNldCBMYWIgc2lt',
  'dWxhdG9yOyBub3QgYSByZWFsIGtleS4gTm90aGluZyB2ZXJpZmllcyBUTFMgaGVy',
  'ZS4AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  '-----END CERTIFICATE-----',
  '',
].join('\n');
