const { src, dest, task } = require('gulp');

function copyIcons() {
	// encoding: false, or gulp 5 decodes files as UTF-8 and corrupts binary icons
	return src(['{nodes,credentials,icons}/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(dest('dist'));
}

task('build:icons', copyIcons);
exports.default = copyIcons;
