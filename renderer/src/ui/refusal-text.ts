/** The server's refusal codes, in words a member understands. */
export function refusalText(code: string | undefined, communityName?: string): string {
  const where = communityName ? ` of ${communityName}` : '';
  switch (code) {
    case 'not-member':
      return `The server refused it: you are not (or no longer) a member${where}.`;
    case 'community-locked':
      return `The server refused it: ${communityName ?? 'this community'} is locked by its moderators.`;
    case 'not-author':
      return 'The server refused it: only its author can change it.';
    case 'read-only-collection':
      return 'The server refused it: this cannot be changed from the app.';
    case 'future-timestamp':
      return "The server refused it: your computer's clock is ahead. Please check the date and time.";
    case 'unknown-community':
      return 'The server refused it: the community no longer exists.';
    case 'community-changed':
      return 'The server refused it: a post cannot move to another community.';
    case 'thread-missing':
      return 'The server refused it: the thread it answers no longer exists.';
    case 'invalid':
      return 'The server refused it: something in it is not valid.';
    case 'too-large':
      return 'The server refused it: it is too long. Please shorten it.';
    case 'report-outdated':
      return 'The server refused it: what you reported has changed since. Please read it again and report it if it is still a problem.';
    case 'report-final':
      return 'The server refused it: a report cannot be changed once it is sent.';
    case 'protected-member':
      return 'The server refused it: moderators, partners and you yourself cannot be removed from a community.';
    default:
      return 'The server refused it.';
  }
}
