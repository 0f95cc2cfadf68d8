// The cluster's events, newest last, with the columns `kubectl get events` prints.
import type { ClusterEvent } from '../../lab/protocol.ts';

export default function Events({ events }: { events: ClusterEvent[] }) {
  if (!events.length) return <p class="ssl-lab__placeholder">No events yet.</p>;
  return (
    <div class="ssl-events" tabIndex={0} aria-label="Cluster events">
      <table>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Type</th>
            <th scope="col">Reason</th>
            <th scope="col">Object</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {events
            .slice(-60)
            .reverse()
            .map((e, i) => (
              <tr key={`${e.lastTimestamp}-${e.object}-${e.reason}-${i}`} data-type={e.type}>
                <td>{e.lastTimestamp.slice(11, 19)}</td>
                <td>{e.type}</td>
                <td>{e.reason}</td>
                <td>{e.object}</td>
                <td>
                  {e.message}
                  {e.count > 1 ? ` (x${e.count})` : ''}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
