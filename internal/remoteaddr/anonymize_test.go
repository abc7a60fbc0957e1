package remoteaddr

import "testing"

func TestAnonymize(t *testing.T) {
	// The first six rows are isso-compat.md §5.8.
	tests := []struct{ in, want string }{
		{"12.34.56.78", "12.34.56.0"},
		{"1234:5678:90ab:cdef:fedc:ba09:8765:4321", "1234:5678:90ab:0000:0000:0000:0000:0000"},
		{"2001:db8:85a3::8a2e:370:7334", "2001:0db8:85a3:0000:0000:0000:0000:0000"},
		{"::ffff:127.0.0.1", "127.0.0.0"},
		{"::1", "0000:0000:0000:0000:0000:0000:0000:0000"},
		{"garbage", "0.0.0.0"},
		{"", "0.0.0.0"},
		{"@", "0.0.0.0"},
		{"fe80::1%eth0", "0.0.0.0"},
		{"1.2.3.4:80", "0.0.0.0"},
		{"012.34.56.78", "0.0.0.0"},
		{"ABCD:EF01::1", "abcd:ef01:0000:0000:0000:0000:0000:0000"},
		{"0.0.0.0", "0.0.0.0"},
		{"255.255.255.255", "255.255.255.0"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Anonymize(tc.in); got != tc.want {
				t.Errorf("Anonymize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
