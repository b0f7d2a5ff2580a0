/** The harness's credentials: stored as a user saved them, with every write n8n makes recorded. */
import { deepCopy, ICredentials, UserError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, ICredentialsEncrypted, INodeCredentialsDetails } from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export type CredentialWriteKind = 'updateCredentials' | 'updateCredentialsOauthTokenData';

export interface CredentialWrite {
	kind: CredentialWriteKind;
	type: string;
	/** The stored data right after the write. */
	data: ICredentialDataDecryptedObject;
}

/** One credential per type, as the workflow node references it by `{ id, name }`. */
export class CredentialStore {
	private readonly byId = new Map<string, StoredCredential>();

	/** Every write n8n-core made through the helper, in order. */
	readonly writes: CredentialWrite[] = [];

	static idFor(type: string): string {
		return `cred-${type}`;
	}

	put(type: string, data: ICredentialDataDecryptedObject, name = `${type} (test)`): StoredCredential {
		const stored: StoredCredential = { id: CredentialStore.idFor(type), name, type, data: deepCopy(data) };
		this.byId.set(stored.id, stored);
		return stored;
	}

	has(type: string): boolean {
		return this.byId.has(CredentialStore.idFor(type));
	}

	/** The stored credential a node reference points at; throws like n8n when it does not exist. */
	resolve(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		if (!nodeCredentials.id) {
			throw new UserError(`Credential "${nodeCredentials.name}" of type "${type}" has no ID`);
		}
		const stored = this.byId.get(nodeCredentials.id);
		if (!stored || stored.type !== type) {
			throw new UserError(`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`);
		}
		return stored;
	}

	/** A copy of the stored data of the credential of `type`. */
	dataOf(type: string): ICredentialDataDecryptedObject {
		const stored = this.byId.get(CredentialStore.idFor(type));
		if (!stored) throw new Error(`No credential of type "${type}" in the harness store`);
		return deepCopy(stored.data);
	}

	write(kind: CredentialWriteKind, stored: StoredCredential, data: ICredentialDataDecryptedObject): void {
		stored.data = deepCopy(data);
		this.writes.push({ kind, type: stored.type, data: deepCopy(stored.data) });
	}
}

/** Plain (unencrypted) `ICredentials` over a stored credential. */
export class StoredCredentials extends ICredentials {
	constructor(
		private readonly stored: StoredCredential,
		private readonly store: CredentialStore,
	) {
		super({ id: stored.id, name: stored.name }, stored.type, JSON.stringify(stored.data));
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return deepCopy(this.stored.data);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.stored.id, name: this.stored.name, type: this.stored.type, data: JSON.stringify(this.stored.data) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.write('updateCredentials', this.stored, data);
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: string[] = []): Promise<void> {
		const next: ICredentialDataDecryptedObject = { ...this.stored.data };
		for (const [key, value] of Object.entries(toUpdate)) if (value !== undefined) next[key] = value;
		for (const key of toDelete) delete next[key];
		this.store.write('updateCredentials', this.stored, next);
	}
}
