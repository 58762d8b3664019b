/** The private health journal: sealed on the device, end-to-end when synced. */
import { useState } from 'react';
import { navigate, useRoute } from '../app/routes';
import { useReloadSealingKey, useServices } from '../app/services';
import { EntryEditor } from './EntryEditor';
import { EntryList } from './EntryList';
import { dailyCheckIn } from './entry-model';
import { JournalChart } from './JournalChart';
import { newEntryId, saveEntry } from './journal-store';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { SummaryView } from './SummaryView';
import { useJournal, useKeyring, useOwner } from './useJournal';

type Tab = 'entries' | 'summary' | 'recovery';
const TABS: { id: Tab; label: string }[] = [
  { id: 'entries', label: 'Entries and charts' },
  { id: 'summary', label: 'Summary and export' },
  { id: 'recovery', label: 'Recovery key' },
];

/** Shell mounts this for `#/journal[/<entryId>]`; the entry comes from the route. */
export function JournalPage() {
  const route = useRoute();
  const entryId = route.name === 'journal' ? route.entryId : undefined;
  const { db, session } = useServices();
  const reloadSealingKey = useReloadSealingKey();
  const keys = useKeyring();
  const owner = useOwner(keys.keyring);
  const { journal, loading } = useJournal(keys.keyring);
  const [tab, setTab] = useState<Tab>('entries');

  async function checkIn() {
    if (!owner) return;
    const id = newEntryId(session.userId);
    await saveEntry(db, owner, id, dailyCheckIn(journal.symptoms));
    navigate({ name: 'journal', entryId: id });
  }

  return (
    <section aria-labelledby="journal-title" className="journal">
      <div className="journal-no-print">
        <h1 id="journal-title">Journal</h1>
        <p className="muted">
          Private: sealed on this device with your key. Only your own devices can read it.
        </p>
        {keys.problem &&
          (keys.problemCode === 'key-unreadable' ? (
            <div className="error" role="alert">
              <p>{keys.problem}</p>
              {(entryId || tab !== 'recovery') && (
                <button
                  type="button"
                  onClick={() => {
                    setTab('recovery');
                    if (entryId) navigate({ name: 'journal' });
                  }}
                >
                  Enter my recovery key
                </button>
              )}
            </div>
          ) : (
            <p className="error" role="alert">
              {keys.problem} Your journal cannot be opened or written on this device.
            </p>
          ))}
        {owner && !entryId && (
          <div className="composer-actions">
            <button type="button" className="primary" onClick={() => void checkIn()}>
              Daily check-in
            </button>
            <button
              type="button"
              onClick={() => navigate({ name: 'journal', entryId: newEntryId(session.userId) })}
            >
              New entry
            </button>
          </div>
        )}
      </div>
      {entryId ? (
        owner && !loading ? (
          <EntryEditor
            key={entryId}
            id={entryId}
            opened={journal.entries.find((e) => e.id === entryId)}
            owner={owner}
            symptoms={journal.symptoms}
          />
        ) : (
          !keys.problem && <p className="muted">Opening your journal…</p>
        )
      ) : (
        <>
          <div className="tabs journal-no-print" role="tablist">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          {tab === 'entries' && (
            <div className="journal-no-print">
              <JournalChart entries={journal.entries} />
              <EntryList journal={journal} />
            </div>
          )}
          {tab === 'summary' && <SummaryView entries={journal.entries} />}
          {tab === 'recovery' && (
            <RecoveryKeyPanel
              accountKey={keys.accountKey}
              keyring={keys.keyring}
              keyUnreadable={keys.problemCode === 'key-unreadable'}
              onKeysChanged={() => {
                keys.reload();
                void reloadSealingKey();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
