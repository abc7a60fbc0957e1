// Package multiproc holds tests that run several natter processes against
// one PostgreSQL database, as behind a load balancer. It has no code of its
// own; see multiproc_test.go.
package multiproc
