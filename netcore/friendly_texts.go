package netcore

import "maps"

// FriendlyCode says which advice a FriendlyError gives.
type FriendlyCode string

// Listen failures (ListenError).
const (
	ErrPortInUse              FriendlyCode = "in-use"            // {port} {host}
	ErrPortInUseEverywhere    FriendlyCode = "in-use-everywhere" // {port}
	ErrPortPrivileged         FriendlyCode = "privileged"        // {port}
	ErrListenDenied           FriendlyCode = "denied"            // {host} {port}
	ErrListenDeniedEverywhere FriendlyCode = "denied-everywhere" // {port}
	ErrNotThisComputer        FriendlyCode = "not-mine"          // {host}
	ErrListenHostUnknown      FriendlyCode = "listen-unknown"    // {host}, quoted
	ErrCannotListen           FriendlyCode = "cannot-listen"     // {addr} {error}
)

// Connect and send failures (Dial, Client.Send).
const (
	ErrRefused       FriendlyCode = "refused"        // {addr}
	ErrTimedOut      FriendlyCode = "timeout"        // {timeout}
	ErrHostUnknown   FriendlyCode = "unknown-host"   // {host}, quoted
	ErrNoRoute       FriendlyCode = "no-route"       // {host}
	ErrCancelled     FriendlyCode = "cancelled"      //
	ErrCannotConnect FriendlyCode = "cannot-connect" // {addr} {error}
)

// friendlyTexts is the English of every FriendlyError, in one place, so a
// front end can word them by code in its user's language (and a test can
// hold every language to this list). Values are written {name}.
var friendlyTexts = map[FriendlyCode]string{
	ErrPortInUse:              "port {port} on {host} is already in use — pick another or stop the other server",
	ErrPortInUseEverywhere:    "port {port} on all interfaces is already in use — pick another or stop the other server",
	ErrPortPrivileged:         "port {port} is below 1024 and needs administrator rights — pick a port from 1024 up, such as 8000",
	ErrListenDenied:           "not allowed to listen on {host} port {port} — pick another port or check the firewall",
	ErrListenDeniedEverywhere: "not allowed to listen on all interfaces port {port} — pick another port or check the firewall",
	ErrNotThisComputer:        "{host} is not an address of this computer — pick one of its interfaces (socketlab interfaces lists them)",
	ErrListenHostUnknown:      "host {host} not found — use an IP address of this computer",
	ErrCannotListen:           "cannot listen on {addr}: {error}",

	ErrRefused:       "connection refused — is the server started on {addr}?",
	ErrTimedOut:      "timed out after {timeout} — check the address, that you are on the same network, and the firewall",
	ErrHostUnknown:   "host not found — check the spelling of {host} or type the IP address shown on the server",
	ErrNoRoute:       "no route to {host} — are both computers on the same network?",
	ErrCancelled:     "cancelled",
	ErrCannotConnect: "cannot connect to {addr}: {error}",
}

// FriendlyText is the English of code with its values filled in.
func FriendlyText(code FriendlyCode, values map[string]string) string {
	s, ok := friendlyTexts[code]
	if !ok {
		s = string(code)
	}
	return FillText(s, values)
}

// FriendlyTexts is a copy of the English table by code, for a front end
// that words the errors in other languages (and its completeness test).
func FriendlyTexts() map[FriendlyCode]string { return maps.Clone(friendlyTexts) }
