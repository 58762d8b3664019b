import { PARTNER_LIMITS, type CommunityCrisisLine } from '../../../shared/schemas/communities';
import type { ResourceFields } from './partner-draft';

const L = PARTNER_LIMITS;

function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((old, i) => (i === index ? item : old));
}

/** Pinned resources: title, https link, optional description; add and remove rows. */
export function ResourceFieldset(props: {
  resources: ResourceFields[];
  onChange(resources: ResourceFields[]): void;
}) {
  const { resources, onChange } = props;
  return (
    <fieldset>
      <legend>Pinned resources</legend>
      <p className="muted">Links open in the browser; only https:// addresses can be pinned.</p>
      {resources.map((resource, i) => (
        <div key={i} className="list-field" role="group" aria-label={`Resource ${i + 1}`}>
          <label>
            Title of resource {i + 1}
            <input
              value={resource.title}
              maxLength={L.resourceTitleMax}
              onChange={(e) =>
                onChange(replaceAt(resources, i, { ...resource, title: e.target.value }))
              }
            />
          </label>
          <label>
            Link of resource {i + 1}
            <input
              type="url"
              inputMode="url"
              placeholder="https://"
              value={resource.url}
              maxLength={L.resourceUrlMax}
              onChange={(e) =>
                onChange(replaceAt(resources, i, { ...resource, url: e.target.value }))
              }
            />
          </label>
          <label>
            Description of resource {i + 1} (optional)
            <input
              value={resource.description}
              maxLength={L.resourceDescriptionMax}
              onChange={(e) =>
                onChange(replaceAt(resources, i, { ...resource, description: e.target.value }))
              }
            />
          </label>
          <button type="button" onClick={() => onChange(resources.filter((_, j) => j !== i))}>
            Remove resource {i + 1}
          </button>
        </div>
      ))}
      {resources.length < L.resourcesMax && (
        <button
          type="button"
          onClick={() => onChange([...resources, { title: '', url: '', description: '' }])}
        >
          Add a resource
        </button>
      )}
    </fieldset>
  );
}

/** The community's own crisis lines, shown before the bundled ones wherever help is offered. */
export function CrisisLineFieldset(props: {
  lines: CommunityCrisisLine[];
  onChange(lines: CommunityCrisisLine[]): void;
}) {
  const { lines, onChange } = props;
  return (
    <fieldset>
      <legend>Crisis lines for this community</legend>
      <p className="muted">
        Shown first whenever the app offers help, before the lines for the member&apos;s region.
        They are kept on each device, so they show without a connection.
      </p>
      {lines.map((line, i) => (
        <div key={i} className="list-field" role="group" aria-label={`Crisis line ${i + 1}`}>
          <label>
            Name of crisis line {i + 1}
            <input
              value={line.name}
              maxLength={L.crisisNameMax}
              onChange={(e) => onChange(replaceAt(lines, i, { ...line, name: e.target.value }))}
            />
          </label>
          <label>
            How to reach crisis line {i + 1}
            <input
              value={line.contact}
              maxLength={L.crisisContactMax}
              placeholder="Call … / Text … / https://…"
              onChange={(e) => onChange(replaceAt(lines, i, { ...line, contact: e.target.value }))}
            />
          </label>
          <label>
            Region of crisis line {i + 1} (optional)
            <input
              value={line.region}
              maxLength={L.crisisRegionMax}
              onChange={(e) => onChange(replaceAt(lines, i, { ...line, region: e.target.value }))}
            />
          </label>
          <button type="button" onClick={() => onChange(lines.filter((_, j) => j !== i))}>
            Remove crisis line {i + 1}
          </button>
        </div>
      ))}
      {lines.length < L.crisisLinesMax && (
        <button
          type="button"
          onClick={() => onChange([...lines, { region: '', name: '', contact: '' }])}
        >
          Add a crisis line
        </button>
      )}
    </fieldset>
  );
}
