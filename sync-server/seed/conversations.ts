/**
 * Fictional demo members and conversations, so a new user finds something to read. The people
 * and their stories are invented; the medical details are the kind members commonly share.
 */
export interface DemoUser {
  key: string;
  username: string;
  displayName: string;
  role: 'patient' | 'caregiver' | 'both' | 'supporter';
  bio: string;
  communities: string[];
  /** therapies whose shared threads they follow, from any community */
  follows?: string[];
}

export interface DemoThread {
  id: string;
  communityId: string;
  author: string;
  title: string;
  body: string;
  therapyIds: string[];
  shareToTherapyPages: boolean;
  /** days before the seed time */
  daysAgo: number;
  replies: { author: string; body: string; hoursLater: number }[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    key: 'rosa',
    username: 'demo.rosa',
    displayName: 'Rosa M.',
    role: 'patient',
    bio: 'Stage IV NSCLC, EGFR+, diagnosed 2023. Gardener.',
    communities: ['lung-cancer'],
  },
  {
    key: 'dev',
    username: 'demo.dev',
    displayName: 'Dev K.',
    role: 'patient',
    bio: 'Lung cancer, on immunotherapy. Runs slower than before, still runs.',
    communities: ['lung-cancer', 'melanoma'],
  },
  {
    key: 'jonas',
    username: 'demo.jonas',
    displayName: 'Jonas',
    role: 'patient',
    bio: 'Stage III melanoma, adjuvant treatment finished last spring.',
    communities: ['melanoma'],
    // The article's example: a melanoma patient who follows pembrolizumab reads what lung
    // cancer patients share about it, without joining their community.
    follows: ['pembrolizumab', 'nivolumab'],
  },
  {
    key: 'marguerite',
    username: 'demo.marguerite',
    displayName: 'Marguerite L.',
    role: 'caregiver',
    bio: 'Caring for my dad (lung cancer) and my mother-in-law.',
    communities: ['lung-cancer', 'caregivers'],
  },
  {
    key: 'sam',
    username: 'demo.sam',
    displayName: 'Sam T.',
    role: 'caregiver',
    bio: 'Partner of someone with melanoma.',
    communities: ['melanoma', 'caregivers'],
  },
];

export const DEMO_THREADS: DemoThread[] = [
  {
    id: 'demo-thread-osimertinib-rash',
    communityId: 'lung-cancer',
    author: 'rosa',
    title: 'Starting osimertinib next week: what helped with the rash?',
    body: 'My oncologist says the rash and dry skin are common in the first weeks.\n\nFor those of you who have been on it:\n\n- which moisturizer did you use?\n- did anything help with the nail changes?\n\nThank you, this group has been a lifeline.',
    therapyIds: ['osimertinib'],
    shareToTherapyPages: true,
    daysAgo: 12,
    replies: [
      {
        author: 'dev',
        body: 'Not on osimertinib myself, but my clinic nurse swore by a **fragrance-free** thick cream twice a day, started *before* anything shows up.',
        hoursLater: 3,
      },
      {
        author: 'marguerite',
        body: 'My dad was on it for a year. Cotton gloves at night over the cream helped his hands a lot. Ask the team about the nails early, they had a podiatrist for him.',
        hoursLater: 20,
      },
    ],
  },
  {
    id: 'demo-thread-scanxiety',
    communityId: 'lung-cancer',
    author: 'dev',
    title: 'Scanxiety before my three-month CT',
    body: 'Scan on Thursday, results Monday. The waiting is the worst part.\n\nWhat do you do over the weekend between the scan and the results?',
    therapyIds: ['pembrolizumab'],
    shareToTherapyPages: false,
    daysAgo: 5,
    replies: [
      {
        author: 'rosa',
        body: 'I plan something physical for the weekend: gardening, a long walk. And I ask for the portal results to be released only after the appointment.',
        hoursLater: 2,
      },
    ],
  },
  {
    id: 'demo-thread-pembrolizumab-first-months',
    communityId: 'lung-cancer',
    author: 'dev',
    title: 'Pembrolizumab (Keytruda) every three weeks: my first four months',
    body: 'I started pembrolizumab on its own in January (PD-L1 high, no targetable mutation).\n\nWhat surprised me:\n\n- the infusion itself is short, about half an hour;\n- tiredness for a day or two, then mostly normal;\n- an itchy rash in month two that the team treated early.\n\nSharing this on the pembrolizumab page too, since it is used for melanoma and other cancers as well. What was it like for you?',
    therapyIds: ['pembrolizumab'],
    shareToTherapyPages: true,
    daysAgo: 9,
    replies: [
      {
        author: 'rosa',
        body: 'Thank you for writing this down. Did they check your **thyroid** regularly? A friend on the same drug needed levothyroxine after a few months.',
        hoursLater: 6,
      },
      {
        author: 'dev',
        body: 'Yes, blood tests before every infusion, thyroid included. Mine has stayed normal so far.',
        hoursLater: 9,
      },
    ],
  },
  {
    id: 'demo-thread-nivolumab-fatigue',
    communityId: 'melanoma',
    author: 'jonas',
    title: 'Adjuvant nivolumab: how did you handle the fatigue?',
    body: 'Six months in. The fatigue comes in waves, usually two or three days after the infusion.\n\nDid anyone find that exercise helped, or did you just rest through it?',
    therapyIds: ['nivolumab'],
    shareToTherapyPages: true,
    daysAgo: 20,
    replies: [
      {
        author: 'dev',
        body: 'Short walks on the bad days helped me more than resting all day. Also get your **thyroid** checked: mine was the real cause for a while.',
        hoursLater: 5,
      },
      {
        author: 'sam',
        body: 'From the partner side: we started planning the week around the infusion day. Low expectations on days 2 to 4, and it took a lot of pressure off both of us.',
        hoursLater: 30,
      },
    ],
  },
  {
    id: 'demo-thread-appointments',
    communityId: 'caregivers',
    author: 'marguerite',
    title: 'How do you keep track of appointments for two people?',
    body: "Between my dad's oncology visits and my mother-in-law's cardiology, I'm losing track.\n\nShared calendar? Paper notebook? What works for you?",
    therapyIds: [],
    shareToTherapyPages: false,
    daysAgo: 8,
    replies: [
      {
        author: 'sam',
        body: 'A shared calendar with one colour per person, and one notebook that goes to every appointment for questions and answers.',
        hoursLater: 4,
      },
    ],
  },
];
