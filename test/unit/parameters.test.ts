import type { INodeProperties } from 'n8n-workflow';

import { jobIdProperty as acceloJobId } from '../../nodes/Accelo/actions/job/common';
import { jobIdProperty as fsmJobId } from '../../nodes/FsmNavigator/actions/job/common';
import { INTEGER_ID, InvalidInputError, UUID, checkId, parseIdList } from '../../nodes/shared/parameters';

describe('ids', () => {
	it('keeps whole-number ids up to 2^53 - 1 exactly', () => {
		expect(checkId('9007199254740991', 'Job', INTEGER_ID)).toBe('9007199254740991');
		expect(checkId(42, 'Job', INTEGER_ID)).toBe('42');
		expect(parseIdList('1, 2,,3', 'Manager IDs', INTEGER_ID)).toEqual(['1', '2', '3']);
	});

	it.each<[string | number, string]>([
		['9007199254740993', 'a string one past 2^53'],
		['12345678901234567', 'seventeen digits'],
		[2 ** 53 + 2, 'a number above 2^53'],
	])('refuses %p (%s): its digits cannot survive a JSON number', (value) => {
		expect(() => checkId(value, 'Job', INTEGER_ID)).toThrow(InvalidInputError);
		expect(() => checkId(value, 'Job', INTEGER_ID)).toThrow(/'Job' is not a valid ID/);
		expect(() => parseIdList([1, value], 'Manager IDs', INTEGER_ID)).toThrow(/'Manager IDs' contains an invalid ID/);
	});

	it('takes UUIDs as text, without a number limit', () => {
		const id = '137eafeb-15d1-6480-022b-0ec4617ba21a';
		expect(checkId(` ${id} `, 'Job', UUID)).toBe(id);
		expect(() => checkId('137eafeb', 'Job', UUID)).toThrow(expect.objectContaining({ hint: expect.stringMatching(/^It must be a UUID/) }));
		// The message itself says what an ID looks like.
		expect(() => checkId('137eafeb', 'Job', UUID)).toThrow(/^'Job' is not a valid ID: "137eafeb" is not a UUID, such as /);
		expect(() => checkId('abc', 'Job', INTEGER_ID)).toThrow(/^'Job' is not a valid ID: "abc" is not a whole number, such as 123/);
	});
});

describe('the Job field, By ID mode', () => {
	it("refuses a wrong ID in the editor saying what this provider's job IDs look like", () => {
		const validation = (property: INodeProperties) => property.modes?.find((mode) => mode.name === 'id')?.validation?.[0];
		expect(validation(acceloJobId)).toMatchObject({ properties: { errorMessage: 'Not a valid Accelo job ID: it is a number, such as 42' } });
		expect(validation(fsmJobId)).toMatchObject({ properties: { errorMessage: 'Not a valid FSM Navigator job ID: it is a number, such as 123' } });
	});
});
