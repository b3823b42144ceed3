import { Icon, Logo } from '../../components/Icon';
import { useLatch } from '../../store/context';
import './welcome.css';

/** The first screen: no account yet. Says what Latch does and where secrets go. */
export function Welcome() {
  const openDialog = useLatch((state) => state.openDialog);
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <Logo size={56} />
      <h1 id="welcome-title" className="welcome__title">
        Access tokens for your git hosts, in one place
      </h1>
      <p className="welcome__lead">
        Create a token for each app with just the permissions it needs, copy it once, find it again later, and revoke it when the
        app no longer needs it.
      </p>
      <ul className="welcome__points">
        <li>
          <Icon name="shield" />
          <span>Secrets go to your system keychain, never to files on disk.</span>
        </li>
        <li>
          <Icon name="clock" />
          <span>Your account password stays in memory only while unlocked, unless you ask Latch to remember it.</span>
        </li>
        <li>
          <Icon name="key" />
          <span>Bitbucket Cloud API tokens you made in the browser are kept for git until they expire.</span>
        </li>
        <li>
          <Icon name="terminal" />
          <span>git and the latch command line use the same tokens.</span>
        </li>
      </ul>
      <button type="button" className="button button--primary button--large" onClick={() => openDialog({ kind: 'add-account' })}>
        <Icon name="plus" />
        Add your first account
      </button>
    </section>
  );
}
