import { describe, expect, it } from 'vitest';
import { mentionsCrisis } from './crisis';

describe('noticing crisis language while someone writes', () => {
  it('notices it whatever the case, accents or apostrophes', () => {
    expect(mentionsCrisis('Some days I just WANT TO DIE')).toBe(true);
    expect(mentionsCrisis('I can’t go on like this')).toBe(true);
    expect(mentionsCrisis('thinking about self-harm again')).toBe(true);
  });

  it('stays quiet for ordinary health talk', () => {
    expect(mentionsCrisis('The rash is dying down after two weeks')).toBe(false);
    expect(mentionsCrisis('Tired after chemo but going on a walk')).toBe(false);
    expect(mentionsCrisis('')).toBe(false);
  });
});
