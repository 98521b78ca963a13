package app

import "fyne.io/fyne/v2"

// postToUI runs a function on the UI goroutine later, without waiting. Views
// take such a "post" function when they are made; the app passes this one.
// Never fyne.DoAndWait: the UI goroutine itself waits for network goroutines
// in shutdown, and they would wait for it.
var postToUI = fyne.Do
