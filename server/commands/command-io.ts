/** Where a command writes: injectable so tests can run commands in-process. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
