// The document properties read in one call (getProperties) and answered from that copy: an action
// reads several records (the tracker's, the log's, the dashboard's, pending events) and each
// getProperty is a service call. Writes go to the store and update the copy. An action that
// writes holds the document lock, so that no other execution changes them meanwhile; one that
// only reads (opening a dialog) gets them as they were at its first read.

type Props = GoogleAppsScript.Properties.Properties;

export function propertiesReadOnce(store: Props): Props {
  let copy: Record<string, string> | null = null;
  const all = () => (copy ??= { ...store.getProperties() });
  const facade: Props = {
    getProperty: (key) => all()[key] ?? null,
    getProperties: () => ({ ...all() }),
    getKeys: () => Object.keys(all()),
    setProperty(key, value) {
      store.setProperty(key, value);
      all()[key] = value;
      return facade;
    },
    setProperties(properties, deleteAllOthers?: boolean) {
      if (deleteAllOthers === undefined) store.setProperties(properties);
      else store.setProperties(properties, deleteAllOthers);
      copy = deleteAllOthers ? { ...properties } : { ...all(), ...properties };
      return facade;
    },
    deleteProperty(key) {
      store.deleteProperty(key);
      delete all()[key];
      return facade;
    },
    deleteAllProperties() {
      store.deleteAllProperties();
      copy = {};
      return facade;
    },
  };
  return facade;
}
