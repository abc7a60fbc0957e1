package comment_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/natter/natter/internal/comment"
	"github.com/natter/natter/internal/testsite"
)

// BenchmarkCreate posts new comments through the service on a real SQLite
// database, as docs/bench/new.lua does over HTTP: unique texts over 50
// threads, 32 writers at once so that the group commit shares fsyncs.
// ns/op is wall time per comment, which other processes on the machine
// disturb; cpu-ns/op is the process's CPU time per comment.
func BenchmarkCreate(b *testing.B) {
	s := testsite.New(b, testsite.Options{Config: "[general]\nhost = http://blog.example\n[guard]\nenabled = false\n"})
	svc := s.Site.Comments
	var n atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(16) // 32 writers on 2 CPUs
	b.ResetTimer()
	start := cpuTime(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			text := fmt.Sprintf("load comment %d with some *markdown* and enough words to be real", i)
			author := "Bench"
			in := comment.CreateInput{Input: comment.Input{Text: &text, Author: &author},
				URI: fmt.Sprintf("/load/%d", i%50), Title: "Bench"}
			if _, err := svc.Create(context.Background(), in, comment.Actor{IP: "127.0.0.1"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64((cpuTime(b)-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the user and system time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
