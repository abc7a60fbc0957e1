package remoteaddr

import "testing"

func TestResolver_Client(t *testing.T) {
	r, err := NewResolver([]string{"10.0.0.1", "192.168.0.0/16", " 2001:db8::/32 ", "", "unix"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, peer, xff, want string
	}{
		{"direct client, no header", "203.0.113.7:51234", "", "203.0.113.7"},
		{"untrusted peer cannot spoof", "203.0.113.7:51234", "198.51.100.1", "203.0.113.7"},
		{"untrusted peer cannot spoof a chain", "203.0.113.7:1", "198.51.100.1, 10.0.0.1", "203.0.113.7"},
		{"trusted proxy, one hop", "10.0.0.1:443", "198.51.100.1", "198.51.100.1"},
		{"trusted proxy, client-forged prefix ignored", "10.0.0.1:443", "6.6.6.6, 198.51.100.1", "198.51.100.1"},
		{"multi-hop chain through trusted CIDR", "10.0.0.1:443", "6.6.6.6, 198.51.100.1, 192.168.4.4", "198.51.100.1"},
		{"forged trusted address left of client is not reached", "10.0.0.1:443", "10.0.0.1, 198.51.100.1", "198.51.100.1"},
		{"all hops trusted: left-most wins", "10.0.0.1:443", "192.168.1.1, 192.168.2.2", "192.168.1.1"},
		{"trusted peer without header", "10.0.0.1:443", "", "10.0.0.1"},
		{"blank header", "10.0.0.1:443", "  ", "10.0.0.1"},
		{"IPv6 peer with port, trusted", "[2001:db8::1]:8080", "2001:db9::5", "2001:db9::5"},
		{"IPv6 peer, untrusted", "[2001:db9::1]:8080", "1.1.1.1", "2001:db9::1"},
		{"bare IPv6 peer", "2001:db8::1", "198.51.100.1", "198.51.100.1"},
		{"IPv4-mapped peer matches IPv4 entry", "[::ffff:10.0.0.1]:80", "198.51.100.1", "198.51.100.1"},
		{"ports in forwarded entries", "10.0.0.1:443", "198.51.100.1:5555, [2001:db8::9]:1", "198.51.100.1"},
		{"garbage hop stops the walk", "10.0.0.1:443", "198.51.100.1, unknown", "unknown"},
		{"unix socket proxy", "@", "198.51.100.1", "198.51.100.1"},
		{"peer without port", "10.0.0.1", "198.51.100.1", "198.51.100.1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Client(tc.peer, tc.xff); got != tc.want {
				t.Errorf("Client(%q, %q) = %q, want %q", tc.peer, tc.xff, got, tc.want)
			}
		})
	}
}

func TestResolver_NoTrustedProxies(t *testing.T) {
	// Isso would take 6.6.6.6 here; Natter keeps the peer.
	for _, r := range []*Resolver{nil, {}} {
		if got := r.Client("203.0.113.7:1", "6.6.6.6"); got != "203.0.113.7" {
			t.Errorf("Client = %q, want peer address", got)
		}
		if got := r.Client("@", "6.6.6.6"); Anonymize(got) != Unknown {
			t.Errorf("untrusted unix peer gave %q", got)
		}
	}
}

func TestResolver_Trusted(t *testing.T) {
	r, err := NewResolver([]string{"10.0.0.1", "192.168.0.0/16", "::1", "::ffff:172.16.0.0/112"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		peer string
		want bool
	}{
		{"10.0.0.1:80", true},
		{"10.0.0.2:80", false},
		{"192.168.200.1:1", true},
		{"[::1]:80", true},
		{"::1", true},
		{"[fe80::1%eth0]:80", false},
		{"172.16.5.5:1", true},
		{"172.17.0.1:1", false},
		{"@", false},
		{"nonsense", false},
	}
	for _, tc := range tests {
		t.Run(tc.peer, func(t *testing.T) {
			if got := r.Trusted(tc.peer); got != tc.want {
				t.Errorf("Trusted(%q) = %v, want %v", tc.peer, got, tc.want)
			}
		})
	}
}

func TestNewResolver_Errors(t *testing.T) {
	for _, bad := range []string{"10.0.0.300", "10.0.0.0/33", "proxy.example.org"} {
		t.Run(bad, func(t *testing.T) {
			if _, err := NewResolver([]string{bad}); err == nil {
				t.Errorf("NewResolver(%q) succeeded, want error", bad)
			}
		})
	}
}
