package comment

// MaxURIBytes is the longest thread URI (in UTF-8 bytes, after
// percent-decoding) a new comment may name. Isso has no limit of its own:
// its server's request-line limit decides (4094 bytes behind gunicorn), and
// without one a page could create threads with 100,000-character URIs.
// Every surface that creates comments refuses longer URIs, so the limit is
// the same for Isso's client and Natter's widget. Reads are not limited:
// a longer URI simply names no thread.
const MaxURIBytes = 4096
