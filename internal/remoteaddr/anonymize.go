// Package remoteaddr determines a commenter's address: which proxy headers
// to believe (Resolver) and how to anonymise the result before it is
// stored, rate-limited, hashed or put into vote filters (Anonymize).
package remoteaddr

import (
	"fmt"
	"net/netip"
)

// Unknown is what Isso stores for addresses it cannot parse.
const Unknown = "0.0.0.0"

// Anonymize reduces addr the way Isso does: IPv4 to its /24 ("a.b.c.0"),
// IPv6 to its /48 in fully expanded lower-case form, IPv4-mapped IPv6 as
// IPv4, and anything unparsable (including scoped IPv6) to "0.0.0.0".
func Anonymize(addr string) string {
	ip, err := netip.ParseAddr(addr)
	// Isso's Python parser rejects zones; matching it keeps hashes and
	// vote filters identical across a migration.
	if err != nil || ip.Zone() != "" {
		return Unknown
	}
	ip = ip.Unmap()
	if ip.Is4() {
		b := ip.As4()
		return fmt.Sprintf("%d.%d.%d.0", b[0], b[1], b[2])
	}
	b := ip.As16()
	return fmt.Sprintf("%02x%02x:%02x%02x:%02x%02x:0000:0000:0000:0000:0000", b[0], b[1], b[2], b[3], b[4], b[5])
}
