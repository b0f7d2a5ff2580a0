const { parallel, src, dest, task } = require('gulp');

function copyIcons() {
	// encoding: false, or gulp 5 decodes files as UTF-8 and corrupts binary icons
	return src(['{nodes,credentials,icons}/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

/** The common job shape's JSON Schema, published at the package's top: dist/job.schema.json. */
function copySchema() {
	return src('nodes/shared/job.schema.json').pipe(dest('dist'));
}

task('build:icons', parallel(copyIcons, copySchema));
exports.default = parallel(copyIcons, copySchema);
