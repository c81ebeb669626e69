package main

import "github.com/spf13/pflag"

const exampleInit = `  csat init mydata`

func initCommand(fs *pflag.FlagSet) runner {
	return func(e *env, args []string) error { return nil }
}
