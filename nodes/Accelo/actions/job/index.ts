import * as changeStatus from './changeStatus.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { changeStatus, create, get, getAll, update };
