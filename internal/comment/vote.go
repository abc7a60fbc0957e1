package comment

import (
	"context"
	"fmt"

	"github.com/natter/natter/internal/remoteaddr"
	"github.com/natter/natter/internal/voters"
)

// Votes is the outcome of a vote. Denied and Message (Isso's text) are
// set, with unchanged counts, when the vote was refused.
type Votes struct {
	Likes, Dislikes int
	Denied          VoteDenial
	Message         string
}

// VoteDenial is why a vote was not counted.
type VoteDenial int

// The reasons a vote is refused.
const (
	VoteCounted VoteDenial = iota
	// VoteAlreadyCast: the address (or the author's own) already voted.
	VoteAlreadyCast
	// VoteLimit: the comment reached Isso's total of votes.
	VoteLimit
)

// Vote records an up- or down-vote from the actor's anonymised address.
// The voter filter starts with the author's address, so authors cannot
// vote on their own comments.
func (s *Service) Vote(ctx context.Context, id int64, up bool, who Actor) (Votes, error) {
	addr := remoteaddr.Anonymize(who.IP)
	var out Votes
	err := s.writeInPlace(ctx, id, func(q Queries, touch func(int64)) error {
		c, err := q.Comment(ctx, id)
		if err != nil {
			return err
		}
		out = Votes{Likes: c.Likes, Dislikes: c.Dislikes}
		kind := "Downvote"
		if up {
			kind = "Upvote"
		}
		if total := c.Likes + c.Dislikes; total >= voters.MaxVotes {
			out.Denied = VoteLimit
			out.Message = fmt.Sprintf("%s denied due to a \"likes + dislikes\" total too high (%d >= %d)", kind, total, voters.MaxVotes)
			return nil
		}
		f := voters.FromBytes(c.Voters)
		if f.Contains(addr) {
			out.Denied = VoteAlreadyCast
			out.Message = fmt.Sprintf("%s denied because a vote has already been registered for this remote address: %s", kind, addr)
			return nil
		}
		f.Add(addr)
		fields := map[string]any{"voters": f.Bytes()}
		if up {
			out.Likes++
			fields["likes"] = out.Likes
		} else {
			out.Dislikes++
			fields["dislikes"] = out.Dislikes
		}
		touch(c.TID)
		return q.UpdateComment(ctx, id, fields)
	})
	return out, err
}
