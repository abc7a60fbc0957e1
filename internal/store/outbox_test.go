package store

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/natter/natter/internal/comment"
)

func outboxRow(channel string, at float64) OutboxRow {
	return OutboxRow{Channel: channel, Kind: "comment.new", CommentID: 1, Payload: "{}", Created: at}
}

// An outbox row inserted by a comment write commits or rolls back with it.
func TestOutbox_InsertFollowsTheTransaction(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		boom := errors.New("boom")
		err := s.Write(ctx, func(tx *gorm.DB) error {
			if err := (queries{db: tx}).InsertOutbox(ctx, []OutboxRow{outboxRow("smtp", 10)}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Write = %v", err)
		}
		err = s.Comments().Write(ctx, func(q comment.Queries) error {
			return q.(queries).InsertOutbox(ctx, []OutboxRow{outboxRow("smtp", 10), outboxRow("wechat", 10)})
		})
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		rows, err := s.Outbox().List(ctx, OutboxFilter{})
		if err != nil || len(rows) != 2 {
			t.Fatalf("List = %d rows, %v; want the 2 committed", len(rows), err)
		}
		if rows[0].Channel != "wechat" || rows[0].State != OutboxQueued || rows[0].NextAt != 10 {
			t.Errorf("newest row = %+v", rows[0])
		}
	})
}

// Claim takes due rows once; Settle, Recover and Requeue move them on.
func TestOutbox_Lifecycle(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		o := s.Outbox()
		ids, err := o.Enqueue(ctx, []OutboxRow{outboxRow("a", 10), outboxRow("b", 10), outboxRow("c", 50)})
		if err != nil || len(ids) != 3 || ids[0] == 0 {
			t.Fatalf("Enqueue = %v, %v", ids, err)
		}
		claimed := claimIDs(t, o, 20)
		if len(claimed) != 2 || claimed[0] != ids[0] || claimed[1] != ids[1] {
			t.Fatalf("first claim = %v, want the two due rows %v", claimed, ids[:2])
		}
		if again := claimIDs(t, o, 20); len(again) != 0 {
			t.Fatalf("second claim = %v, want nothing (rows are being sent)", again)
		}
		mustSettle(t, o, ids[0], OutboxSent, "250 ok", 21, 21)
		mustSettle(t, o, ids[1], OutboxRetrying, "503 busy", 21, 40)
		if got := claimIDs(t, o, 39); len(got) != 0 {
			t.Fatalf("claim before the retry = %v", got)
		}
		if got := claimIDs(t, o, 60); len(got) != 2 {
			t.Fatalf("claim at 60 = %v, want the retry and the late row", got)
		}
		// As after kill -9 while both were sending: nothing claimed since 60
		// is recovered early, nor what is still in flight.
		if n, err := o.Recover(ctx, 60, nil); err != nil || n != 0 {
			t.Fatalf("Recover(60) = %d, %v; the claims are not older", n, err)
		}
		if n, err := o.Recover(ctx, 61, []int64{ids[2]}); err != nil || n != 1 {
			t.Fatalf("Recover(61, in flight %d) = %d, %v", ids[2], n, err)
		}
		if n, err := o.Recover(ctx, 61, nil); err != nil || n != 1 {
			t.Fatalf("Recover(61) = %d, %v", n, err)
		}
		r, err := o.Get(ctx, ids[1])
		if err != nil || r.State != OutboxRetrying || r.Attempts != 2 || r.Answer != "503 busy" {
			t.Fatalf("recovered row = %+v, %v", r, err)
		}
		sent, _ := o.Get(ctx, ids[0])
		if sent.State != OutboxSent || sent.SentAt == nil || *sent.SentAt != 21 {
			t.Errorf("sent row = %+v", sent)
		}
		if ok, err := o.Requeue(ctx, ids[0], 70); err != nil || !ok {
			t.Fatalf("Requeue = %v, %v", ok, err)
		}
		if got := claimIDs(t, o, 70); len(got) != 3 {
			t.Errorf("claim after requeue = %v, want all three", got)
		}
		if _, err := o.Get(ctx, 999); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get(999) = %v, want ErrNotFound", err)
		}
	})
}

func TestOutbox_ListFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		o := s.Outbox()
		ids, _ := o.Enqueue(t.Context(), []OutboxRow{outboxRow("a", 1), outboxRow("b", 1), outboxRow("a", 1)})
		cases := []struct {
			f    OutboxFilter
			want []int64
		}{
			{OutboxFilter{Channel: "a"}, []int64{ids[2], ids[0]}},
			{OutboxFilter{Before: ids[2], Limit: 1}, []int64{ids[1]}},
			{OutboxFilter{State: OutboxSent}, nil},
		}
		for _, c := range cases {
			rows, err := o.List(t.Context(), c.f)
			if err != nil || len(rows) != len(c.want) {
				t.Fatalf("List(%+v) = %d rows, %v; want %v", c.f, len(rows), err, c.want)
			}
			for i, r := range rows {
				if r.ID != c.want[i] {
					t.Errorf("List(%+v)[%d] = %d, want %d", c.f, i, r.ID, c.want[i])
				}
			}
		}
	})
}

func claimIDs(t *testing.T, o Outbox, now float64) []int64 {
	t.Helper()
	rows, err := o.Claim(context.Background(), now, 10)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		if r.State != OutboxSending {
			t.Errorf("claimed row %d state %q", r.ID, r.State)
		}
		ids[i] = r.ID
	}
	return ids
}

func mustSettle(t *testing.T, o Outbox, id int64, state, answer string, now, next float64) {
	t.Helper()
	if err := o.Settle(context.Background(), id, state, answer, now, next); err != nil {
		t.Fatalf("Settle: %v", err)
	}
}

func TestOutbox_PruneAndRecent(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		o, ctx := s.Outbox(), t.Context()
		ids, _ := o.Enqueue(ctx, []OutboxRow{outboxRow("a", 1), outboxRow("a", 1), outboxRow("a", 1)})
		claimIDs(t, o, 2)
		mustSettle(t, o, ids[0], OutboxSent, "ok", 5, 5)
		mustSettle(t, o, ids[1], OutboxFailed, "no", 50, 50)
		mustSettle(t, o, ids[2], OutboxRetrying, "later", 5, 60)
		if states, err := o.Recent(ctx, "a", 2); err != nil || len(states) != 2 || states[0] != OutboxRetrying || states[1] != OutboxFailed {
			t.Errorf("Recent = %v, %v", states, err)
		}
		n, err := o.Prune(ctx, 10)
		if err != nil || n != 1 {
			t.Fatalf("Prune = %d, %v; want the sent row only (failed is newer, retrying is not final)", n, err)
		}
		if _, err := o.Get(ctx, ids[0]); !errors.Is(err, ErrNotFound) {
			t.Errorf("pruned row still there: %v", err)
		}
	})
}

func TestAudit_InsertAndList(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		for i, action := range []string{"comment.activated", "comment.deleted"} {
			err := s.Comments().Write(ctx, func(q comment.Queries) error {
				return q.(queries).InsertAudit(ctx, AuditRow{At: float64(i), Action: action, CommentID: 7, Via: "link", Addr: "192.0.2.0"})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		rows, err := s.Outbox().Audit(ctx, 10)
		if err != nil || len(rows) != 2 || rows[0].Action != "comment.deleted" || rows[1].Addr != "192.0.2.0" {
			t.Errorf("Audit = %+v, %v", rows, err)
		}
	})
}
