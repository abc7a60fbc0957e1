package origin

import (
	"fmt"
	"testing"
	"time"
)

func TestUnlisted_NoteOncePerOriginAndBounded(t *testing.T) {
	u := NewUnlisted()
	t0 := time.Unix(1000, 0)
	if !u.Note("https://blog.example", t0) {
		t.Fatal("a new origin is not reported as new")
	}
	if u.Note("https://blog.example", t0.Add(time.Minute)) {
		t.Error("the same origin reported twice")
	}
	u.Note("null", t0.Add(2*time.Minute))
	got := u.List()
	if len(got) != 2 || got[0].Origin != "null" || got[1].Requests != 2 || !got[1].Last.Equal(t0.Add(time.Minute)) {
		t.Errorf("List() = %+v", got)
	}
	for i := range 2 * maxUnlisted {
		u.Note(fmt.Sprintf("https://%d.example", i), t0)
	}
	if n := len(u.List()); n != maxUnlisted {
		t.Errorf("%d origins kept, want the bound %d", n, maxUnlisted)
	}
}
