import type { PinnedResource } from '../../../shared/schemas/communities';
import { getBridge, isExternalLinkAllowed } from '../platform/bridge';

/** Links the partner pinned: opened in the system browser, https only (like links in posts). */
export function PinnedResources({ resources }: { resources: readonly PinnedResource[] }) {
  const safe = resources.filter((r) => isExternalLinkAllowed(r.url));
  if (safe.length === 0) return null;
  return (
    <section aria-labelledby="resources-title" className="pinned-resources">
      <h2 id="resources-title">Pinned resources</h2>
      <ul>
        {safe.map((resource) => (
          <li key={resource.url}>
            <a
              href={resource.url}
              rel="noopener noreferrer"
              onClick={(event) => {
                event.preventDefault();
                void getBridge().openExternal(resource.url);
              }}
            >
              {resource.title}
            </a>
            {resource.description && <span className="muted"> — {resource.description}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
