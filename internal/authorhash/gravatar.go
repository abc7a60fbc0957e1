package authorhash

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
)

// Gravatar fills the first "{}" of urlTemplate ([general] gravatar-url)
// with the MD5 of email, else author, else "". Like Isso it hashes the
// stored value as-is, without lower-casing, so URLs stay identical to Isso's.
func Gravatar(urlTemplate, email, author string) string {
	in := email
	if in == "" {
		in = author
	}
	sum := md5.Sum([]byte(in))
	return strings.Replace(urlTemplate, "{}", hex.EncodeToString(sum[:]), 1)
}
