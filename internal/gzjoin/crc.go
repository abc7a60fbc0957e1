package gzjoin

// CRC-32 (IEEE) of a concatenation from the checksums of its halves:
// crc(A‖B) = crc(A)·x^(8·len(B)) + crc(B) in GF(2)[x] modulo the CRC
// polynomial (mulMod(xPow8(len(B)), crcA) ^ crcB), the method zlib's
// crc32_combine describes. Polynomials are
// bit-reflected as the checksum is: bit 31 holds x^0.

// poly is the IEEE polynomial, reflected.
const poly = 0xedb88320

// mulMod returns a·b modulo poly.
func mulMod(a, b uint32) uint32 {
	var p uint32
	for m := uint32(1) << 31; m != 0; m >>= 1 {
		if a&m != 0 {
			p ^= b
		}
		// b·x: shift toward higher powers, reducing by the polynomial.
		if b&1 != 0 {
			b = b>>1 ^ poly
		} else {
			b >>= 1
		}
	}
	return p
}

// powers[k] is x^(2^k) modulo poly.
var powers = func() (t [64]uint32) {
	t[0] = 1 << 30 // x^1
	for k := 1; k < len(t); k++ {
		t[k] = mulMod(t[k-1], t[k-1])
	}
	return t
}()

// xPow8 returns x^(8·n) modulo poly.
func xPow8(n int) uint32 {
	p := uint32(1) << 31 // x^0
	for k := 3; n != 0; k, n = k+1, n>>1 {
		if n&1 != 0 {
			p = mulMod(powers[k%len(powers)], p) // x^(2^k) repeats every 32 k
		}
	}
	return p
}
