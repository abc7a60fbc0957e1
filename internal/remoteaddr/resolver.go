package remoteaddr

import (
	"fmt"
	"net/netip"
	"strings"
)

// UnixSocket is the trusted-proxies entry that trusts peers connecting over
// a unix socket (Go reports their address as "@" or "").
const UnixSocket = "unix"

// Resolver finds the client address behind the trusted reverse proxies
// listed in [server] trusted-proxies. The zero value trusts nothing.
//
// Unlike Isso, which always believes the right-most X-Forwarded-For entry,
// a Resolver ignores X-Forwarded-For unless the connecting peer is itself a
// trusted proxy: otherwise any client could pick an address per request and
// vote as often as it likes or dodge the rate limit.
type Resolver struct {
	prefixes []netip.Prefix
	unix     bool
}

// NewResolver parses trusted proxy IPs and CIDR ranges; blank entries are skipped.
func NewResolver(trusted []string) (*Resolver, error) {
	r := &Resolver{}
	for _, raw := range trusted {
		s := strings.TrimSpace(raw)
		switch {
		case s == "":
			continue
		case s == UnixSocket:
			r.unix = true
		case strings.Contains(s, "/"):
			p, err := netip.ParsePrefix(s)
			if err != nil {
				return nil, fmt.Errorf("remoteaddr: trusted proxy %q: %w", s, err)
			}
			if p.Addr().Is4In6() && p.Bits() >= 96 {
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			r.prefixes = append(r.prefixes, p.Masked())
		default:
			ip, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("remoteaddr: trusted proxy %q: %w", s, err)
			}
			ip = ip.Unmap().WithZone("")
			r.prefixes = append(r.prefixes, netip.PrefixFrom(ip, ip.BitLen()))
		}
	}
	return r, nil
}

// Trusted reports whether peer (an http.Request.RemoteAddr, with or without
// port) is a trusted proxy, i.e. whether its X-Forwarded-* headers count.
func (r *Resolver) Trusted(peer string) bool {
	if r == nil {
		return false
	}
	if isUnixPeer(peer) {
		return r.unix
	}
	ip, ok := parseHost(peer)
	return ok && r.trustedIP(ip)
}

// Client returns the client address for a request from peer carrying the
// given X-Forwarded-For value (all header lines joined with ","). It walks
// the header from the right past trusted proxies, but only when peer is
// trusted. Ports and brackets are removed; the result is not anonymised.
func (r *Resolver) Client(peer, xForwardedFor string) string {
	client := peer
	if ip, ok := parseHost(peer); ok {
		client = ip.String()
	}
	if !r.Trusted(peer) || strings.TrimSpace(xForwardedFor) == "" {
		return client
	}
	hops := strings.Split(xForwardedFor, ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		ip, ok := parseHost(hop)
		if !ok {
			// A trusted proxy appended something we cannot parse; anything
			// further left is client-controlled, so stop here. Anonymize
			// turns it into "0.0.0.0".
			return hop
		}
		client = ip.String()
		if !r.trustedIP(ip) {
			return client
		}
	}
	// Every hop is a trusted proxy: the left-most one is the closest we
	// know to the client.
	return client
}

func (r *Resolver) trustedIP(ip netip.Addr) bool {
	ip = ip.Unmap().WithZone("")
	for _, p := range r.prefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// parseHost accepts "ip", "ip:port", "[ipv6]" and "[ipv6]:port".
func parseHost(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr(), true
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	ip, err := netip.ParseAddr(s)
	return ip, err == nil
}

func isUnixPeer(peer string) bool {
	return peer == "" || peer == "@" || strings.HasPrefix(peer, "/")
}
