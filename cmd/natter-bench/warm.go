package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// warmup is a pass over every thread of a random row before its rounds,
// so that they measure the server's steady state: each thread read once,
// as a site's readers have done before any moment of its life but the
// first after an upgrade.
type warmup struct {
	path    string // with %d for the thread number
	threads int
}

// warmAll reads every thread once over a few connections and returns how
// long it took.
func warmAll(ctx context.Context, base string, req request, w warmup) (time.Duration, error) {
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	for range 4 {
		wg.Go(func() {
			client := rawClient()
			for i := next.Add(1) - 1; i < int64(w.threads); i = next.Add(1) - 1 {
				r := req
				r.path = fmt.Sprintf(w.path, i)
				res, err := r.do(ctx, client, base)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				if err == nil && res.StatusCode >= 300 {
					err = fmt.Errorf("warm-up %s: status %d", r.path, res.StatusCode)
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
			}
		})
	}
	wg.Wait()
	select {
	case err := <-errs:
		return 0, err
	default:
		return time.Since(start), nil
	}
}
