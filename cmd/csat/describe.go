package main

// describe returns the message of a command's error as the command
// prints it after "csat NAME: ", in the language lang ("zh" or "en"):
// the words a person reads ([humanError]), naming the file, line and
// column (sheet and cell of a workbook), what was found and what is
// accepted, without the library's "csat: " prefix or Go's sentinel
// words. Every error the command prints goes through here.
func describe(err error, lang string) string {
	return humanError(err, lang)
}
