package netcore

import "maps"

// FriendlyCode says which advice a FriendlyError gives.
type FriendlyCode string

// Listen failures (ListenError).
const (
	FriendlyPortInUse              FriendlyCode = "in-use"            // {port} {host}
	FriendlyPortInUseEverywhere    FriendlyCode = "in-use-everywhere" // {port}
	FriendlyPortPrivileged         FriendlyCode = "privileged"        // {port}
	FriendlyListenDenied           FriendlyCode = "denied"            // {host} {port}
	FriendlyListenDeniedEverywhere FriendlyCode = "denied-everywhere" // {port}
	FriendlyNotThisComputer        FriendlyCode = "not-mine"          // {host}
	FriendlyListenHostUnknown      FriendlyCode = "listen-unknown"    // {host}, quoted
	FriendlyCannotListen           FriendlyCode = "cannot-listen"     // {addr} {error}
)

// An address a person typed (SplitHostPort, Dial).
const (
	FriendlyNotHostPort FriendlyCode = "not-host-port" // {addr}, quoted
	FriendlyHostSpace   FriendlyCode = "host-space"    // {host}, quoted
	FriendlyBadPort     FriendlyCode = "bad-port"      // {port}, quoted
	FriendlyPortZero    FriendlyCode = "port-zero"     //
)

// Connect and send failures (Dial, Client.Send).
const (
	FriendlyRefused       FriendlyCode = "refused"        // {addr}
	FriendlyTimedOut      FriendlyCode = "timeout"        // {timeout}
	FriendlyHostUnknown   FriendlyCode = "unknown-host"   // {host}, quoted
	FriendlyNoRoute       FriendlyCode = "no-route"       // {host}
	FriendlyCancelled     FriendlyCode = "cancelled"      //
	FriendlyCannotConnect FriendlyCode = "cannot-connect" // {addr} {error}
)

// friendlyTexts is the English of every FriendlyError, in one place, so a
// front end can word them by code in its user's language (and a test can
// hold every language to this list). Values are written {name}.
var friendlyTexts = map[FriendlyCode]string{
	FriendlyPortInUse:              "port {port} on {host} is already in use — pick another or stop the other server",
	FriendlyPortInUseEverywhere:    "port {port} on all interfaces is already in use — pick another or stop the other server",
	FriendlyPortPrivileged:         "port {port} is below 1024 and needs administrator rights — pick a port from 1024 up, such as 8000",
	FriendlyListenDenied:           "not allowed to listen on {host} port {port} — pick another port or check the firewall",
	FriendlyListenDeniedEverywhere: "not allowed to listen on all interfaces port {port} — pick another port or check the firewall",
	FriendlyNotThisComputer:        "{host} is not an address of this computer — pick one of its interfaces (socketlab interfaces lists them)",
	FriendlyListenHostUnknown:      "host {host} not found — use an IP address of this computer",
	FriendlyCannotListen:           "cannot listen on {addr}: {error}",

	FriendlyNotHostPort: "{addr} is not host:port (for example 192.168.0.5:8000 or [::1]:8000)",
	FriendlyHostSpace:   "host {host} contains a space",
	FriendlyBadPort:     "port {port} must be a number from 1 to 65535",
	FriendlyPortZero:    "port 0 is not a server's port: use the port shown on the server",

	FriendlyRefused:       "connection refused — is the server started on {addr}?",
	FriendlyTimedOut:      "timed out after {timeout} — check the address, that you are on the same network, and the firewall",
	FriendlyHostUnknown:   "host not found — check the spelling of {host} or type the IP address shown on the server",
	FriendlyNoRoute:       "no route to {host} — are both computers on the same network?",
	FriendlyCancelled:     "cancelled",
	FriendlyCannotConnect: "cannot connect to {addr}: {error}",
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
