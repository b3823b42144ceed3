// `latch`: the command line over the same core as the app. Exit codes: 0 success; 1 when the host, the
// network, the keychain or the person refused it, with one plain sentence on stderr and no stack trace;
// 2 for a usage error, with a one-line hint. Commands are listed, with what runs them, in specs.ts.
import { LatchError } from '../../shared/result';
import { parseArgs } from './args';
import { createCliContext } from './context';
import { COMMANDS } from './specs';
import { reportFailure } from './failure';
import { version } from '../../package.json';

async function main(argv: string[]): Promise<number> {
  const ctx = createCliContext();
  let takesCode = false;
  try {
    const parsed = parseArgs(argv, COMMANDS);
    if (parsed.kind === 'help') {
      ctx.out(`${parsed.text}\n`);
      return 0;
    }
    if (parsed.kind === 'version') {
      ctx.out(`latch ${version}\n`);
      return 0;
    }
    takesCode = 'otp' in parsed.args.command.options;
    const command = COMMANDS.find((candidate) => candidate === parsed.args.command)!;
    return await command.run(ctx, parsed.args);
  } catch (error) {
    const code = reportFailure(error, ctx.err);
    if (error instanceof LatchError && error.code === 'otp-required' && takesCode) ctx.err('Give the code with --otp CODE.\n');
    return code;
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

// Started by an installed app's launcher (packaging/bin), Node mode has done its job: a program
// `latch exec` starts must not inherit it, or an Electron app among them would start as plain Node.
delete process.env.ELECTRON_RUN_AS_NODE;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
