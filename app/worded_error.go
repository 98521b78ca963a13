package app

// wordedError is an error worded whole in the user's language around the
// error it stands for: a translated sentence with the cause in its place
// (fmt.Errorf("…: %w") would fix the cause at the end, which not every
// language wants), while errors.Is and errors.As still reach the cause.
type wordedError struct {
	text string
	err  error
}

func (e *wordedError) Error() string { return e.text }
func (e *wordedError) Unwrap() error { return e.err }
