package main

// describe returns the message of a command's error as the command
// prints it after "csat NAME: ", in the language lang ("zh" or "en").
//
// Every error the command prints goes through here, so that the wording
// of errors for people (the library's "csat: " prefix, Go's suffixes
// such as "invalid argument", sheet and cell for Excel files) is made in
// one place. For now it is the error's own text; the people's wording of
// issue 21 replaces this body. It must never take text off an error with
// strings.TrimPrefix (CI forbids that on error text): it words the
// error from what errors.Is and errors.As find in it.
func describe(err error, lang string) string {
	_ = lang
	return err.Error()
}
