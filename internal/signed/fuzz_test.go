package signed

import (
	"reflect"
	"testing"
	"time"
)

// FuzzUnsign exercises the decoder behind a valid signature, where an
// attacker cannot reach but a leaked key or an old Isso's tokens could:
// payload and timestamp are fuzzed and signed with the test key. Unsign
// must never panic, and whatever it accepts must sign and verify back to
// the same value. The raw fuzzed string is also tried as a whole token,
// which must not verify unless it is exactly a token of ours.
func FuzzUnsign(f *testing.F) {
	for _, v := range vectors {
		payload, ts, _ := cutLast(v.token[:len(v.token)-len(".")-27])
		f.Add(payload, ts, v.token)
	}
	f.Add(".eJyLVkrOzytJzSsBAA", "ZVPxAA", "x.y.z")               // zlib, bad checksum
	f.Add(".eJwLycgsVgCi4vzcVIWS1OISAFJIByI", "AAAAAAAAAAAA", "") // over-long timestamp
	f.Add("", "", "..")
	s := New(testSecret)
	now := time.Unix(1800000000, 0)
	known := map[string]bool{}
	for _, v := range vectors {
		known[v.token] = true
	}
	f.Fuzz(func(t *testing.T, payload, ts, raw string) {
		value := payload + "." + ts
		token := value + "." + b64.EncodeToString(s.mac(value))
		var got any
		err := s.Unsign(token, 0, now, &got)
		var aged any
		if ageErr := s.Unsign(token, time.Hour, now, &aged); ageErr == nil && err != nil {
			t.Fatalf("accepted with an age limit, refused without: %v", err)
		}
		if err == nil {
			again, signErr := s.SignAt(got, now)
			if signErr != nil {
				t.Fatalf("decoded %#v does not sign: %v", got, signErr)
			}
			var back any
			if err := s.Unsign(again, time.Minute, now, &back); err != nil || !reflect.DeepEqual(back, got) {
				t.Fatalf("round trip of %#v: %#v, %v", got, back, err)
			}
		}
		var other any
		if raw != token && !known[raw] && s.Unsign(raw, 0, now, &other) == nil {
			t.Fatalf("a token that is not ours verified: %q", raw)
		}
	})
}
