// Package classroom holds the classroom test: Socket Lab between "laptops"
// that are Linux network namespaces on a virtual LAN (a teacher, three
// students, a router and a student on another subnet), made by
// scripts/classroom-net.sh. It needs root and runs with the classroom build
// tag: `make classroom-test` (part of `make test`). Without root it fails;
// it never skips.
package classroom
