// Package tlslab is TLS as a classroom lesson: a self-signed certificate
// made on the spot and kept in the user's config directory (so its
// fingerprint, which the class compares between screens, survives a
// restart), the fingerprint in the usual colon-separated hex, and a client
// configuration that checks the server by that fingerprint instead of by a
// certificate authority, which a classroom does not have.
package tlslab

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// DirEnv, when set, is the directory the certificate is kept in instead of
// the user's config directory (tests, or a USB stick shared by a class).
const DirEnv = "SOCKETLAB_TLS_DIR"

// Files in the certificate directory. The key is readable by its owner only.
const (
	CertFile = "cert.pem"
	KeyFile  = "key.pem"
)

// validFor is how long a new certificate is valid: long enough that a
// course never sees it expire, so the fingerprint on the board stays true.
const validFor = 5 * 365 * 24 * time.Hour

// DefaultDir is where the certificate is kept: $SOCKETLAB_TLS_DIR, else
// os.UserConfigDir()/socketlab/tls.
func DefaultDir() (string, error) {
	if d := os.Getenv(DirEnv); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no config directory for the TLS certificate: %w", err)
	}
	return filepath.Join(base, "socketlab", "tls"), nil
}

// LoadOrCreate returns the certificate kept in dir, making one (and dir)
// first when there is none yet or when the one there has expired or cannot
// be read as a certificate and key.
func LoadOrCreate(dir string) (tls.Certificate, error) {
	certPath, keyPath := filepath.Join(dir, CertFile), filepath.Join(dir, KeyFile)
	if cert, err := tls.LoadX509KeyPair(certPath, keyPath); err == nil {
		if time.Now().Before(cert.Leaf.NotAfter) {
			return cert, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) && !isUnusable(err) {
		return tls.Certificate{}, err
	}
	certPEM, keyPEM, err := newSelfSigned(hostNames())
	if err != nil {
		return tls.Certificate{}, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return tls.Certificate{}, fmt.Errorf("cannot keep the TLS certificate: %w", err)
	}
	// The key first and the certificate last: a certificate on disk always
	// has its key next to it.
	if err := writeFileAtomic(keyPath, keyPEM, 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := writeFileAtomic(certPath, certPEM, 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.X509KeyPair(certPEM, keyPEM)
}

// isUnusable says the files exist but are not a certificate and its key
// (a half-written pair, an edited file): replaced rather than fatal, since
// nothing but Socket Lab writes there.
func isUnusable(err error) bool {
	var perr *os.PathError
	return !errors.As(err, &perr) // a read error is a PathError; a parse error is not
}

// hostNames are the names a new certificate is for: localhost and every
// address of this computer. Clients check the fingerprint, not the names;
// the names make the certificate honest for tools that show them.
func hostNames() (dns []string, ips []net.IP) {
	dns = []string{"localhost"}
	if h, err := os.Hostname(); err == nil && h != "" && h != "localhost" {
		dns = append(dns, h)
	}
	ips = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() {
				ips = append(ips, ipn.IP)
			}
		}
	}
	return dns, ips
}

// newSelfSigned makes an ECDSA P-256 certificate for the given names and
// returns it and its key as PEM.
func newSelfSigned(dns []string, ips []net.IP) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "Socket Lab classroom server", Organization: []string{"Socket Lab"}},
		NotBefore:             now.Add(-time.Hour), // a classmate's clock may be a little behind
		NotAfter:              now.Add(validFor),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // self-signed: it vouches for itself
		DNSNames:              dns,
		IPAddresses:           ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory, created with mode, so that a crash never leaves half a key and
// the key is never readable by others, even for a moment.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot keep the TLS certificate: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // gone after the rename; cleans up after a failure
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// ServerConfig is the TLS configuration a server runs with cert.
func ServerConfig(cert tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
}
