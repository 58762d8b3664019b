/** The server's refusal codes, in words a member understands. */

/** Why the server refused, as the end of a sentence ("you are no longer a member of Melanoma"). */
export function refusalReason(code: string | undefined, communityName?: string): string | null {
  switch (code) {
    case 'not-member':
      // Posting needs membership: a refused post means the membership ended meanwhile.
      return communityName
        ? `you are no longer a member of ${communityName}`
        : 'you are no longer a member of that community';
    case 'community-locked':
      return `${communityName ?? 'this community'} is locked by its moderators`;
    case 'not-author':
      return 'only its author can change it';
    case 'read-only-collection':
      return 'this cannot be changed from the app';
    case 'future-timestamp':
      return "your computer's clock is ahead. Please check the date and time";
    case 'unknown-community':
      return 'the community no longer exists';
    case 'community-changed':
      return 'a post cannot move to another community';
    case 'thread-missing':
      return 'the thread it answers no longer exists';
    case 'invalid':
      return 'something in it is not valid';
    case 'too-large':
      return 'it is too long. Please shorten it';
    case 'report-outdated':
      return 'what you reported has changed since. Please read it again and report it if it is still a problem';
    case 'report-final':
      return 'a report cannot be changed once it is sent';
    case 'protected-member':
      return 'moderators, partners and you yourself cannot be removed from a community';
    default:
      return null;
  }
}

/** One refusal: "The server refused it: you are no longer a member of Melanoma." */
export function refusalText(code: string | undefined, communityName?: string): string {
  const reason = refusalReason(code, communityName);
  return reason ? `The server refused it: ${reason}.` : 'The server refused it.';
}
